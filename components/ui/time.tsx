"use client";
// The signed-in user's time zone for every component under the console layout. Server
// components render <Time> (a client component) so they need not pass the zone down by hand.
import { createContext, useContext, type ReactNode } from "react";
import { DEFAULT_TIME_ZONE, formatTime } from "@/lib/time";

const TimeZoneContext = createContext(DEFAULT_TIME_ZONE);

export function TimeZoneProvider({ zone, children }: { zone: string; children: ReactNode }) {
  return <TimeZoneContext.Provider value={zone}>{children}</TimeZoneContext.Provider>;
}

export const useTimeZone = () => useContext(TimeZoneContext);

/** A time in the user's zone, labelled ("2026-11-23 22:02 GMT+9"), with the instant in `dateTime`. */
export function Time({ value, bare, seconds, className }: { value: Date | string | null; bare?: boolean; seconds?: boolean; className?: string }) {
  const zone = useTimeZone();
  if (!value) return null;
  return <time dateTime={new Date(value).toISOString()} className={className}>{formatTime(value, zone, { bare, seconds })}</time>;
}
