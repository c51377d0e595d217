/** GraphQL documents of applications (办件): applying, the application page, lists, tracking and notifications. */
import { graphql } from '../gql';

/** What the apply page needs of an item: availability, materials and the time limit. */
export const ApplyItemDocument = graphql(`
  query ApplyItem($id: ID!) {
    serviceItem(id: $id, edition: PUBLISHED) {
      id
      edition
      versionNo
      name
      handlingLevel
      handlingChain {
        kind
        level
        name
        limit
        unit
      }
      handlingKind
      promisedLimit
      promisedUnit
      onlineCapable
      exemption {
        office
        address
        phone
      }
      owner {
        id
      }
      materials {
        name
        form
        medium
        copies
        necessity
        condition
        acceptanceStandard
        notes
      }
    }
  }
`);

export const StageFields = graphql(`
  fragment StageFields on ApplicationStage {
    id
    index
    kind
    name
    level
    centre
    centreJurisdictionId
    limit
    unit
    arrivedOn
    dueOn
    doneOn
    outcome
    note
    noteKey
    noteParams
    extendedDays
    overdue
    warning
  }
`);

export const ApplicationRowFields = graphql(`
  fragment ApplicationRow on Application {
    id
    number
    status
    submittedAt
    receivedOn
    dueDate
    overdue
    warning
    onBehalf
    nextStep
    nextStepKey
    nextStepParams
    handlingCenter
    applicant {
      name
    }
    serviceItem {
      id
      edition
      versionNo
      name
    }
  }
`);

export const ApplicationDetailFields = graphql(`
  fragment ApplicationDetail on Application {
    ...ApplicationRow
    version
    acceptedAt
    acceptedOn
    completedAt
    deliveredAt
    supplementDeadline
    consent
    withdrawalReason
    nextActions
    dueDateExplanation
    dueDateExplanationEn
    noPhone
    paperOriginals
    extension {
      workingDays
      reason
      extendedOn
    }
    currentStage {
      ...StageFields
    }
    stages {
      ...StageFields
    }
    objections {
      id
      name
      phone
      reason
      lodgedAt
      resolution
      upheld
      resolvedAt
    }
    applicant {
      name
      idNumber
      phone
    }
    jurisdiction {
      id
      name
    }
    lookupCode
    agent
    appealBodies {
      reviewBody
      court
    }
    receipt {
      number
      acceptedOn
      dueDate
      issuedAt
      lookupCode
      deemed
    }
    deficiencyNotices {
      id
      sequence
      issuedAt
      isRepeat
      supplementDeadline
      items {
        material
        problem
      }
    }
    materials {
      fileId
      fileName
      mimeType
      requirement
      round
      url
    }
    suspensions {
      kind
      reason
      from
      to
    }
    decision {
      result
      reasons
      resultDocumentNumber
      feeReceiptNumber
      appealRights
      decidedAt
    }
    rejection {
      reason
      legalBasis
      competentBody
      appealRights
      rejectedAt
    }
    delivery {
      method
      deliveredOn
      trackingNumber
      note
    }
    events {
      action
      fromStatus
      toStatus
      at
      actor
      actorRole
      actorName
      note
      noteKey
      noteParams
    }
    serviceItem {
      id
      edition
      versionNo
      name
      type
      legalBasis
      handlingKind
      promisedLimit
      promisedUnit
      effectiveExtensionLimit
      handlingChain {
        kind
        level
        name
        limit
        unit
      }
      fee {
        free
      }
      materials {
        name
        form
        medium
        copies
        necessity
        condition
        acceptanceStandard
        notes
      }
    }
  }
`);

/**
 * What an action returns: the new state. The page then refetches the whole application — one more request for
 * the clerk, but every document sits in the main bundle (client preset), and ten copies of the detail would weigh.
 */
export const ApplicationAfterActionFields = graphql(`
  fragment ApplicationAfterAction on Application {
    id
    status
    version
    nextActions
  }
`);

export const ApplicationDocument = graphql(`
  query Application($id: ID!) {
    application(id: $id) {
      ...ApplicationDetail
    }
  }
`);

export const SubmitApplicationDocument = graphql(`
  mutation SubmitApplication($input: SubmitApplicationInput!) {
    submitApplication(input: $input) {
      id
      number
      status
    }
  }
`);

export const SupplementApplicationDocument = graphql(`
  mutation SupplementApplication($id: ID!, $input: SupplementInput!) {
    supplementApplication(id: $id, input: $input) {
      ...ApplicationAfterAction
    }
  }
`);

export const WithdrawApplicationDocument = graphql(`
  mutation WithdrawApplication($id: ID!, $reason: String!) {
    withdrawApplication(id: $id, reason: $reason) {
      ...ApplicationAfterAction
    }
  }
`);

export const AcceptApplicationDocument = graphql(`
  mutation AcceptApplication($id: ID!) {
    acceptApplication(id: $id) {
      ...ApplicationAfterAction
    }
  }
`);

export const NotifyDeficiencyDocument = graphql(`
  mutation NotifyDeficiency($id: ID!, $input: NotifyDeficiencyInput!) {
    notifyDeficiency(id: $id, input: $input) {
      ...ApplicationAfterAction
    }
  }
`);

export const RejectApplicationDocument = graphql(`
  mutation RejectApplication($id: ID!, $input: RejectInput!) {
    rejectApplication(id: $id, input: $input) {
      ...ApplicationAfterAction
    }
  }
`);

export const SuspendApplicationDocument = graphql(`
  mutation SuspendApplication($id: ID!, $input: SuspendInput!) {
    suspendApplication(id: $id, input: $input) {
      ...ApplicationAfterAction
    }
  }
`);

export const ResumeApplicationDocument = graphql(`
  mutation ResumeApplication($id: ID!) {
    resumeApplication(id: $id) {
      ...ApplicationAfterAction
    }
  }
`);

export const CompleteApplicationDocument = graphql(`
  mutation CompleteApplication($id: ID!, $input: CompleteInput!) {
    completeApplication(id: $id, input: $input) {
      ...ApplicationAfterAction
    }
  }
`);

export const DeliverApplicationDocument = graphql(`
  mutation DeliverApplication($id: ID!, $input: DeliverInput!) {
    deliverApplication(id: $id, input: $input) {
      ...ApplicationAfterAction
    }
  }
`);

export const MyApplicationsDocument = graphql(`
  query MyApplications($after: String) {
    myApplications(first: 20, after: $after) {
      totalCount
      totalCountCapped
      nodes {
        ...ApplicationRow
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const WorkQueueDocument = graphql(`
  query WorkQueue($filter: ApplicationFilterInput, $after: String) {
    applications(filter: $filter, first: 20, after: $after) {
      totalCount
      totalCountCapped
      nodes {
        ...ApplicationRow
        jurisdiction {
          id
          name
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** The items a clerk's queue can be narrowed to: the directories of the clerk's county (or own jurisdiction). */
export const QueueScopeDocument = graphql(`
  query QueueScope($id: ID!) {
    jurisdiction(id: $id) {
      id
      level
      ancestors {
        id
        level
      }
    }
  }
`);

export const QueueItemsDocument = graphql(`
  query QueueItems($ownerWithin: ID!) {
    serviceItems(filter: { ownerWithin: $ownerWithin }, first: 100) {
      nodes {
        id
        edition
        code
        name
        handlingLevel
        owner {
          id
          name
        }
      }
    }
  }
`);

export const TrackDocument = graphql(`
  query Track($number: String!, $lookupCode: String!) {
    applicationByNumber(number: $number, lookupCode: $lookupCode) {
      number
      status
      serviceItemName
      handlingCenter
      submittedAt
      acceptedOn
      dueDate
      completedAt
      decision
      nextStep
      nextStepKey
      nextStepParams
      stages {
        ...StageFields
      }
      events {
        action
        fromStatus
        toStatus
        at
        actor
        actorRole
        actorName
        note
        noteKey
        noteParams
      }
    }
  }
`);

export const MyNotificationsDocument = graphql(`
  query MyNotifications {
    myNotifications(first: 50) {
      id
      title
      body
      messageKey
      params
      createdAt
      readAt
      applicationId
    }
  }
`);

export const MarkNotificationsReadDocument = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]!) {
    markNotificationsRead(ids: $ids)
  }
`);
