/** GraphQL documents of the directory administration pages. */
import { graphql } from '../gql';

export const AdminItemRowFields = graphql(`
  fragment AdminItemRow on ServiceItem {
    id
    edition
    code
    name
    category
    handlingLevel
    status
    hasUnpublishedChanges
    version
    versionNo
    publishedAt
    withdrawnReason
    owner {
      id
      name
      level
    }
  }
`);

export const AdminItemsDocument = graphql(`
  query AdminItems($ownerWithin: ID!, $status: ServiceItemStatus, $search: String, $after: String) {
    serviceItems(edition: WORKING, filter: { ownerWithin: $ownerWithin, status: $status, search: $search }, first: 20, after: $after) {
      totalCount
      nodes {
        ...AdminItemRow
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const PublishItemDocument = graphql(`
  mutation PublishItem($id: ID!, $version: Int) {
    publishServiceItem(id: $id, version: $version) {
      ...AdminItemRow
    }
  }
`);

export const WithdrawItemDocument = graphql(`
  mutation WithdrawItem($id: ID!, $reason: String!) {
    withdrawServiceItem(id: $id, reason: $reason) {
      ...AdminItemRow
    }
  }
`);

export const ItemEditorFields = graphql(`
  fragment ItemEditorFields on ServiceItem {
    ...AdminItemRow
    ...ServiceItemGuideFields
    chain {
      kind
      level
      name
      limit
      unit
    }
    extensionLimit
    handlingChain {
      kind
      level
      name
      limit
      unit
    }
  }
`);

export const WorkingItemDocument = graphql(`
  query WorkingItem($id: ID!) {
    serviceItem(id: $id, edition: WORKING) {
      ...ItemEditorFields
    }
  }
`);

export const CreateItemDocument = graphql(`
  mutation CreateItem($input: CreateServiceItemInput!) {
    createServiceItem(input: $input) {
      ...ItemEditorFields
    }
  }
`);

export const UpdateItemDocument = graphql(`
  mutation UpdateItem($id: ID!, $version: Int!, $input: ServiceItemContentInput!) {
    updateServiceItem(id: $id, version: $version, input: $input) {
      ...ItemEditorFields
    }
  }
`);
