// Preloaded (node --require) into every Node.js server that tools/LocalAws starts.
// The server exits as soon as the process that started it is gone: its standard input (a pipe
// held open by the parent) reaches end of file, or the parent's pid (LOCALAWS_PARENT_PID) no
// longer exists. This holds even when the parent was killed without a chance to clean up.
"use strict";

const exitNow = () => process.exit(0);

if (process.env.LOCALAWS_WATCH_STDIN !== "false") {
  process.stdin.on("end", exitNow);
  process.stdin.on("close", exitNow);
  process.stdin.on("error", exitNow);
  process.stdin.resume();
}

const parentPid = Number.parseInt(process.env.LOCALAWS_PARENT_PID ?? "", 10);
if (Number.isInteger(parentPid) && parentPid > 1) {
  const timer = setInterval(() => {
    try {
      process.kill(parentPid, 0);
    } catch (error) {
      if (error && error.code === "ESRCH") {
        exitNow();
      }
    }
  }, 1000);
  timer.unref();
}

process.on("SIGTERM", exitNow);
process.on("SIGINT", exitNow);
process.on("SIGHUP", exitNow);
