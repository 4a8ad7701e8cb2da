import { useId, useState } from "react";

/** The text of the QR code in an image file (a photo or screenshot of a ticket), read with jsQR; null when it has none. */
async function readQr(file: File): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  try {
    const canvas = document.createElement("canvas");
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    const context = canvas.getContext("2d", { willReadFrequently: true });
    if (!context) {
      return null;
    }
    context.drawImage(bitmap, 0, 0);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
    const { default: jsQR } = await import("jsqr");
    return jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: "attemptBoth" })?.data ?? null;
  } finally {
    bitmap.close();
  }
}

/** Where there is no camera: a picture of the ticket's QR code, read on this device; its text goes to `onCode`. */
export function QrImageInput({ onCode }: { onCode: (text: string) => void }) {
  const id = useId();
  const [problem, setProblem] = useState<string>();
  return (
    <div className={`field${problem ? " field-invalid" : ""}`}>
      <label htmlFor={id}>Or choose a picture of the QR code</label>
      <p className="hint" id={`${id}-hint`}>
        A photo or screenshot of the ticket, for a device without a camera.
      </p>
      {problem ? (
        <p className="field-error" id={`${id}-error`}>
          {problem}
        </p>
      ) : null}
      <input
        id={id}
        type="file"
        accept="image/*"
        aria-describedby={`${id}-hint${problem ? ` ${id}-error` : ""}`}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => {
          const input = e.currentTarget;
          const file = input.files?.[0];
          if (!file) {
            return;
          }
          void readQr(file).then(
            (text) => {
              input.value = "";
              if (text) {
                setProblem(undefined);
                onCode(text);
              } else {
                setProblem("No QR code found in that picture: try a sharper one, or type the code.");
              }
            },
            () => {
              input.value = "";
              setProblem("That file is not a picture this browser can open.");
            },
          );
        }}
      />
    </div>
  );
}
