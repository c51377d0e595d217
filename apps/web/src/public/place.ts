/** The place a visitor chose, remembered across visits, and the query that describes it. */
import { useSyncExternalStore } from 'react';
import { graphql } from '../gql';

const PLACE_KEY = 'weimin.place';
const noSubscription = () => () => undefined;

/**
 * The remembered place, for rendering: none on the server and while a server-rendered page is hydrated (the
 * server cannot know it), the stored one right after.
 */
export function useRememberedPlaceId(): string | null {
  return useSyncExternalStore(noSubscription, rememberedPlaceId, () => null);
}

export function rememberedPlaceId(): string | null {
  try {
    return localStorage.getItem(PLACE_KEY);
  } catch {
    return null;
  }
}

export function rememberPlace(id: string): void {
  try {
    localStorage.setItem(PLACE_KEY, id);
  } catch {
    /* private mode */
  }
}

export const CenterCardFields = graphql(`
  fragment CenterCardFields on ServiceCenter {
    id
    name
    status
    address
    phone
    openingHours
    windows
    hallArea
    standardized
  }
`);

export const PlaceDocument = graphql(`
  query Place($id: ID!) {
    jurisdiction(id: $id) {
      id
      code
      name
      level
      ancestors {
        id
        name
        level
      }
      serviceCenter {
        ...CenterCardFields
      }
    }
  }
`);
