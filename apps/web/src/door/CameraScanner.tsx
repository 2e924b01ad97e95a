import { Camera, CameraOff } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Button } from "../ui";
import { createFrameReader } from "./scanner";

/** The back camera and a scan loop; calls onCode for each code seen (the page debounces). */
export function CameraScanner({ onCode }: { onCode: (code: string) => void }) {
  const [on, setOn] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const latest = useRef(onCode);
  latest.current = onCode;

  useEffect(() => {
    if (!on) return;
    let stream: MediaStream | null = null;
    let stopped = false;
    let timer: number | undefined;
    void (async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia) {
          throw new Error("This browser cannot use the camera here (it needs https)");
        }
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: "environment" },
          audio: false,
        });
        const element = video.current;
        if (!element || stopped) return;
        element.srcObject = stream;
        await element.play();
        const read = await createFrameReader();
        const tick = async () => {
          if (stopped) return;
          try {
            const code = await read(element);
            if (code) latest.current(code);
          } catch {
            // A frame that cannot be read: try the next one.
          }
          timer = window.setTimeout(() => void tick(), 200);
        };
        void tick();
      } catch (error) {
        setProblem(error instanceof Error ? error.message : "The camera could not be started");
        setOn(false);
      }
    })();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [on]);

  return (
    <div className="space-y-3">
      <Button
        variant="secondary"
        size="lg"
        className="w-full"
        onClick={() => {
          setProblem(null);
          setOn((v) => !v);
        }}
      >
        {on ? (
          <CameraOff className="size-5" aria-hidden />
        ) : (
          <Camera className="size-5" aria-hidden />
        )}
        {on ? "Stop camera" : "Scan with camera"}
      </Button>
      {problem && <p className="text-sm text-rose-300">{problem}. Type the code instead.</p>}
      {on && (
        <video
          ref={video}
          muted
          playsInline
          aria-label="Camera view: hold the ticket's QR code in front of it"
          className="aspect-square w-full rounded-xl bg-black object-cover"
        />
      )}
    </div>
  );
}
