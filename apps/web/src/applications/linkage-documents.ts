/** GraphQL documents of the four-level linkage: stage moves, the stage queue, the register, the notice board. */
import { graphql } from '../gql';

export const ForwardApplicationDocument = graphql(`
  mutation ForwardApplication($id: ID!, $note: String) {
    forwardApplication(id: $id, note: $note) {
      ...ApplicationAfterAction
    }
  }
`);

export const ReturnApplicationDocument = graphql(`
  mutation ReturnApplication($id: ID!, $input: ReturnApplicationInput!) {
    returnApplication(id: $id, input: $input) {
      ...ApplicationAfterAction
    }
  }
`);

export const ReferApplicationDocument = graphql(`
  mutation ReferApplication($id: ID!, $to: ID!, $reason: String!) {
    referApplication(id: $id, toJurisdictionId: $to, reason: $reason) {
      ...ApplicationAfterAction
    }
  }
`);

export const ExtendApplicationDocument = graphql(`
  mutation ExtendApplication($id: ID!, $input: ExtendInput!) {
    extendApplication(id: $id, input: $input) {
      ...ApplicationAfterAction
    }
  }
`);

export const ResolveObjectionDocument = graphql(`
  mutation ResolveObjection($id: ID!, $input: ResolveObjectionInput!) {
    resolveObjection(id: $id, input: $input) {
      ...ApplicationAfterAction
    }
  }
`);

export const ObjectToPublicNoticeDocument = graphql(`
  mutation ObjectToPublicNotice($id: ID!, $input: ObjectionInput!) {
    objectToPublicNotice(applicationId: $id, input: $input)
  }
`);

export const ReferTargetsDocument = graphql(`
  query ReferTargets($id: ID!) {
    jurisdiction(id: $id) {
      id
      level
      ancestors {
        id
        level
        children {
          id
          name
          level
        }
      }
    }
  }
`);

export const StageQueueDocument = graphql(`
  query StageQueue($filter: StageQueueFilterInput, $after: String) {
    stageQueue(filter: $filter, first: 50, after: $after) {
      totalCount
      totalCountCapped
      nodes {
        id
        number
        status
        applicant {
          name
        }
        serviceItem {
          id
          edition
          name
        }
        currentStage {
          ...StageFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const StationRegisterDocument = graphql(`
  query StationRegister($handOver: Boolean!, $after: String) {
    stationRegister(handOver: $handOver, first: 50, after: $after) {
      totalCount
      totalCountCapped
      nodes {
        id
        number
        status
        submittedAt
        applicant {
          name
        }
        serviceItem {
          id
          edition
          name
        }
        currentStage {
          ...StageFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const PublicNoticesDocument = graphql(`
  query PublicNotices($jurisdictionId: ID!) {
    publicNotices(jurisdictionId: $jurisdictionId) {
      applicationId
      serviceItemName
      applicantName
      place
      from
      to
      objections
    }
    jurisdiction(id: $jurisdictionId) {
      id
      name
    }
  }
`);
