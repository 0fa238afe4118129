"use client";
// The chat and person searches behind the route form's and the route tester's pickers.
import { useCallback } from "react";
import { searchChatsAction, searchPersonsAction } from "./actions";

export function usePickerSearches(instanceId: string | undefined | null) {
  const searchChats = useCallback(async (q: string) => {
    if (!instanceId) return [];
    const res = await searchChatsAction({ instanceId, q });
    if (!res.ok) throw new Error(res.error);
    return res.data;
  }, [instanceId]);
  const searchPersons = useCallback(async (q: string) => {
    const res = await searchPersonsAction({ q });
    if (!res.ok) throw new Error(res.error);
    return res.data;
  }, []);
  return { searchChats, searchPersons };
}
