import { useEffect, useRef, useState } from "react";

interface Detector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}

/** The browser's own QR reader (BarcodeDetector) where it has one, else jsQR over the video's frames. */
async function makeReader(canvas: HTMLCanvasElement): Promise<(video: HTMLVideoElement) => Promise<string | null>> {
  const native = (window as unknown as { BarcodeDetector?: { new (o: { formats: string[] }): Detector; getSupportedFormats(): Promise<string[]> } }).BarcodeDetector;
  if (native && (await native.getSupportedFormats()).includes("qr_code")) {
    const detector = new native({ formats: ["qr_code"] });
    return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
  }
  // jsQR only where the browser has no reader of its own, loaded then (not on every page).
  const { default: jsQR } = await import("jsqr");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  return async (video) => {
    if (!context || video.videoWidth === 0) {
      return null;
    }
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    context.drawImage(video, 0, 0);
    const frame = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(frame.data, frame.width, frame.height, { inversionAttempts: "dontInvert" })?.data ?? null;
  };
}

/** The device's camera, reading QR codes: each new code goes to `onCode` (the same code again only after a pause). */
export function CameraScanner({ onCode }: { onCode: (text: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [on, setOn] = useState(false);
  const [problem, setProblem] = useState<string>();
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  useEffect(() => {
    if (!on) {
      return;
    }
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let last = { text: "", at: 0 };
    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
        if (stopped || !video.current || !canvas.current) {
          return;
        }
        video.current.srcObject = stream;
        await video.current.play();
        const read = await makeReader(canvas.current);
        const tick = async () => {
          if (stopped || !video.current) {
            return;
          }
          const text = await read(video.current).catch(() => null);
          if (text && (text !== last.text || Date.now() - last.at > 3000)) {
            last = { text, at: Date.now() };
            onCodeRef.current(text);
          }
          timer = setTimeout(() => void tick(), 200);
        };
        void tick();
      } catch (error) {
        setProblem(error instanceof Error ? `The camera did not start: ${error.message}` : "The camera did not start.");
        setOn(false);
      }
    })();
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [on]);

  return (
    <div className="camera">
      {problem ? <p className="field-error">{problem}</p> : null}
      <video ref={video} muted playsInline hidden={!on} aria-label="Camera view" />
      <canvas ref={canvas} hidden />
      <button type="button" className="button secondary" onClick={() => setOn(!on)}>
        {on ? "Stop camera" : "Scan with the camera"}
      </button>
    </div>
  );
}
