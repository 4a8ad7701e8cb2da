import { useEffect, useState } from "react";

/** Time left until `deadline` (ms since the epoch), updated every second; announces each minute to screen readers. */
export function Countdown({ deadline, onExpired }: { deadline: number; onExpired?: () => void }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = Math.max(0, Math.ceil((deadline - now) / 1000));
  useEffect(() => {
    if (left === 0) {
      onExpired?.();
    }
  }, [left, onExpired]);
  const minutes = Math.floor(left / 60);
  const seconds = left % 60;
  const text = `${minutes}:${String(seconds).padStart(2, "0")}`;
  return (
    <span className={`countdown${left < 60 ? " countdown-urgent" : ""}`}>
      <span aria-hidden="true">{text}</span>
      <span className="visually-hidden" aria-live="polite">
        {left === 0 ? "Time is up." : `${minutes + (seconds > 0 ? 1 : 0)} minutes left`}
      </span>
    </span>
  );
}
