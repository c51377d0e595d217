/** The GraphQL documents of the rating widget (好差评). */
import { graphql } from '../gql';

export const EvaluationPanelFields = graphql(`
  fragment EvaluationPanelFields on Evaluation {
    id
    grade
    gradeLabel
    overall
    efficiency
    guideAccuracy
    convenience
    easeOfUse
    comment
    evaluatedOn
    createdAt
    isDefault
    excluded
    exclusion {
      at
      reason
    }
    rectification {
      id
      status
      deadline
      overdue
      response
      respondedAt
      followUp
      closedAt
    }
  }
`);

export const ApplicationEvaluationDocument = graphql(`
  query ApplicationEvaluation($id: ID!) {
    application(id: $id) {
      id
      status
      canEvaluate
      evaluation {
        ...EvaluationPanelFields
      }
    }
  }
`);

export const EvaluateApplicationDocument = graphql(`
  mutation EvaluateApplication($id: ID!, $input: EvaluationInput!) {
    evaluateApplication(id: $id, input: $input) {
      id
      status
      canEvaluate
      evaluation {
        ...EvaluationPanelFields
      }
    }
  }
`);
