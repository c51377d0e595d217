/** The GraphQL documents of the supervision area. */
import { graphql } from '../gql';

export const PerformanceFiguresFields = graphql(`
  fragment PerformanceFigures on Performance {
    received
    accepted
    rejected
    completed
    completedOnTime
    completionRate
    onTimeRate
    overdueOpen
    warningOpen
    medianHandlingDays
    p90HandlingDays
    evaluations
    satisfied
    satisfactionRate
    averageGrade
    badReviews
    rectifiedInTime
    overdueRectifications
    deficient
    deficiencyRate
    repeatNotices
  }
`);

export const DashboardDocument = graphql(`
  query Dashboard($id: ID!, $from: Date!, $to: Date!) {
    performance(jurisdictionId: $id, from: $from, to: $to) {
      from
      to
      generatedAt
      jurisdiction {
        id
        code
        name
        level
        ancestors {
          id
          name
          level
        }
      }
      ...PerformanceFigures
      children {
        jurisdiction {
          id
          code
          name
          level
        }
        ...PerformanceFigures
      }
      byServiceItem {
        serviceItemId
        name
        ownerName
        received
        accepted
        completed
        completionRate
        onTimeRate
        satisfactionRate
        badReviews
        rectifiedInTime
        deficient
        repeatNotices
      }
    }
  }
`);

/** The charts draw these figures (the series of GROUPS in figures.ts). */
export const DashboardTrendDocument = graphql(`
  query DashboardTrend($id: ID!, $from: Date!, $to: Date!, $granularity: TrendGranularity!) {
    performance(jurisdictionId: $id, from: $from, to: $to) {
      trend(granularity: $granularity) {
        start
        end
        received
        accepted
        completed
        completionRate
        onTimeRate
        satisfactionRate
        badReviews
        rectifiedInTime
        deficient
        repeatNotices
      }
    }
  }
`);

export const DashboardOverdueDocument = graphql(`
  query DashboardOverdue($filter: ApplicationFilterInput, $after: String) {
    applications(filter: $filter, first: 10, after: $after) {
      totalCount
      totalCountCapped
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        number
        status
        dueDate
        overdue
        warning
        handlingCenter
        jurisdiction {
          id
          name
        }
        serviceItem {
          id
          edition
          versionNo
          name
        }
      }
    }
  }
`);

export const CoverageDocument = graphql(`
  query Coverage($id: ID!) {
    coverage(jurisdictionId: $id) {
      generatedAt
      jurisdiction {
        id
        name
        level
        ancestors {
          id
          name
          level
        }
      }
      levels {
        level
        total
        built
        builtRate
        builtTarget
        standardized
        standardizedRate
        standardizedTarget
      }
    }
  }
`);

export const CountiesOfDocument = graphql(`
  query CountiesOf($id: ID!) {
    jurisdiction(id: $id) {
      id
      name
      level
      children {
        id
        code
        name
        level
      }
    }
  }
`);

export const AssessmentFields = graphql(`
  fragment AssessmentFields on Assessment {
    id
    period
    status
    computedAt
    publishedAt
    county {
      id
      name
    }
    scheme {
      version
      minimumEvaluations
      weights {
        satisfaction
        onTime
        noticeCompliance
        standardisation
        inspection
      }
    }
    scores {
      township {
        id
        code
        name
      }
      evaluations
      inspectionScore
      insufficient
      rank
      total
      indicators {
        satisfaction
        onTime
        noticeCompliance
        standardisation
        inspection
      }
      counts {
        evaluations
        satisfied
        completed
        completedOnTime
        noticed
        repeatNoticed
        places
        standardised
      }
    }
  }
`);

/** The periods already assessed (newest first; 40 quarters = ten years). */
export const AssessmentsDocument = graphql(`
  query Assessments($countyId: ID!) {
    assessments(countyId: $countyId, first: 40) {
      nodes {
        id
        period
        status
      }
    }
  }
`);

export const AssessmentDocument = graphql(`
  query Assessment($id: ID!) {
    assessment(id: $id) {
      ...AssessmentFields
    }
  }
`);

export const RunAssessmentDocument = graphql(`
  mutation RunAssessment($countyId: ID!, $period: String!) {
    runAssessment(countyId: $countyId, period: $period) {
      ...AssessmentFields
    }
  }
`);

export const SetInspectionScoreDocument = graphql(`
  mutation SetInspectionScore($assessmentId: ID!, $townshipId: ID!, $score: Float!) {
    setInspectionScore(assessmentId: $assessmentId, townshipId: $townshipId, score: $score) {
      ...AssessmentFields
    }
  }
`);

export const PublishAssessmentDocument = graphql(`
  mutation PublishAssessment($id: ID!) {
    publishAssessment(id: $id) {
      ...AssessmentFields
    }
  }
`);

export const RectificationFields = graphql(`
  fragment RectificationFields on Rectification {
    id
    status
    deadline
    overdue
    createdAt
    verification
    response
    respondedAt
    followUp
    closedAt
    nextActions
    jurisdiction {
      id
      name
    }
    application {
      id
      number
      serviceItem {
        id
        edition
        versionNo
        name
      }
    }
    evaluation {
      ...EvaluationPanelFields
    }
  }
`);

export const RectificationsDocument = graphql(`
  query Rectifications($filter: RectificationFilterInput, $after: String) {
    rectifications(filter: $filter, first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...RectificationFields
      }
    }
  }
`);

export const RectificationDocument = graphql(`
  query Rectification($id: ID!) {
    rectification(id: $id) {
      ...RectificationFields
    }
  }
`);

export const RespondToRectificationDocument = graphql(`
  mutation RespondToRectification($id: ID!, $input: RespondToRectificationInput!) {
    respondToRectification(id: $id, input: $input) {
      ...RectificationFields
    }
  }
`);

export const CloseRectificationDocument = graphql(`
  mutation CloseRectification($id: ID!, $input: CloseRectificationInput!) {
    closeRectification(id: $id, input: $input) {
      ...RectificationFields
    }
  }
`);

export const ExcludeEvaluationDocument = graphql(`
  mutation ExcludeEvaluation($id: ID!, $reason: String!) {
    excludeEvaluation(id: $id, reason: $reason) {
      ...EvaluationPanelFields
    }
  }
`);

export const PublicStatisticsDocument = graphql(`
  query PublicStatistics($jurisdictionId: ID) {
    publicStatistics(jurisdictionId: $jurisdictionId) {
      from
      to
      generatedAt
      total {
        jurisdiction {
          id
          name
          level
        }
        completed
        evaluations
        onTimeRate
        satisfactionRate
      }
      rows {
        jurisdiction {
          id
          name
          level
        }
        completed
        evaluations
        onTimeRate
        satisfactionRate
      }
    }
  }
`);

export const PublishedResultsDocument = graphql(`
  query PublishedResults($id: ID!, $after: String) {
    publishedResults(jurisdictionId: $id, first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        serviceItemName
        handledBy
        completedOn
        result
        applicantName
      }
    }
  }
`);
