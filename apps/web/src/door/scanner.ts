// Reading QR codes from the camera: the browser's BarcodeDetector where it exists (Chrome on
// Android, Safari 17+), otherwise jsQR on canvas frames (loaded only when needed).

type Detector = { detect(source: CanvasImageSource): Promise<{ rawValue: string }[]> };
type DetectorConstructor = new (options: { formats: string[] }) => Detector;

function nativeDetector(): Detector | null {
  const ctor = (globalThis as { BarcodeDetector?: DetectorConstructor }).BarcodeDetector;
  return ctor ? new ctor({ formats: ["qr_code"] }) : null;
}

/** A function that reads one frame of the video: the code in view, or null. */
export type FrameReader = (video: HTMLVideoElement) => Promise<string | null>;

export async function createFrameReader(): Promise<FrameReader> {
  const native = nativeDetector();
  if (native) {
    return async (video) => (await native.detect(video))[0]?.rawValue ?? null;
  }
  const { default: jsQR } = await import("jsqr");
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  return async (video) => {
    if (!context || video.videoWidth === 0) return null;
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    context.drawImage(video, 0, 0);
    const frame = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(frame.data, frame.width, frame.height)?.data ?? null;
  };
}
