"use client";
// Choose the zone the console shows times in, from the server's IANA list (the one it checks
// the choice against; the browser's own list can differ by a zone or two).
import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore } from "react";
import { setTimeZoneAction } from "@/app/(console)/account/actions";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { useActionToast } from "@/components/ui/toast";
import { formatTime } from "@/lib/time";

const never = () => () => {};

export function TimeZoneForm({ current, zones, now }: { current: string; zones: string[]; now: string }) {
  const [zone, setZone] = useState(current);
  const { pending, run } = useActionToast();
  const router = useRouter();
  // Read after hydration: the server cannot know the browser's zone.
  const browserZone = useSyncExternalStore(never, () => Intl.DateTimeFormat().resolvedOptions().timeZone, () => null);
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        run(() => setTimeZoneAction({ timeZone: zone }), `Times now show in ${zone}`, () => router.refresh());
      }}
    >
      <Field label="Time zone" htmlFor="time-zone" hint={`Now: ${formatTime(now, zone)}`}>
        <Select id="time-zone" name="timeZone" value={zone} onChange={(e) => setZone(e.target.value)} className="sm:max-w-xs">
          {zones.map((z) => <option key={z} value={z}>{z}</option>)}
        </Select>
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending || zone === current}>{pending ? "Saving…" : "Save time zone"}</Button>
        {browserZone && browserZone !== zone && zones.includes(browserZone) && (
          <Button type="button" variant="secondary" onClick={() => setZone(browserZone)}>Use this browser&apos;s zone ({browserZone})</Button>
        )}
      </div>
    </form>
  );
}
