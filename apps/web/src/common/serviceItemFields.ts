/** The guide content of a service item, selected the same way by the public guide and the item editor. */
import { graphql } from '../gql';

export const ServiceItemGuideFields = graphql(`
  fragment ServiceItemGuideFields on ServiceItem {
    type
    handlingDepartment
    delegation {
      entrustingDepartment
      document
    }
    legalBasis
    conditions
    serviceObject
    materials {
      name
      form
      medium
      copies
      necessity
      condition
      acceptanceStandard
      notes
      blankFormFileId
    }
    blankForms {
      materialIndex
      fileName
      mimeType
      sizeBytes
      url
    }
    procedure {
      title
      description
    }
    statutoryLimit
    statutoryUnit
    promisedLimit
    promisedUnit
    handlingKind
    fee {
      free
      items {
        name
        standard
        basis
      }
    }
    visitsRequired
    onlineCapable
    consultationPhone
    supervisionPhone
    location
    officeHours
    faq {
      question
      answer
    }
    exemption {
      document
      office
      address
      phone
    }
  }
`);
