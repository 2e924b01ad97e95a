import { useEffect, useState } from "react";
import { cx, Skeleton } from "../ui";

/** The booking code in large type with a QR code of it (for the door staff's scanner). */
export function BookingCode({
  code,
  size = 160,
  className,
}: {
  code: string;
  size?: number;
  className?: string;
}) {
  const [dataUrl, setDataUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // qrcode is only needed once a booking exists: keep it out of the first page's bundle.
    void import("qrcode").then(async (QRCode) => {
      const url = await QRCode.toDataURL(code, {
        margin: 1,
        width: size * 2,
        errorCorrectionLevel: "M",
      });
      if (live) setDataUrl(url);
    });
    return () => {
      live = false;
    };
  }, [code, size]);
  return (
    <div className={cx("flex items-center gap-4", className)}>
      {dataUrl ? (
        <img
          src={dataUrl}
          width={size}
          height={size}
          alt={`QR code of booking ${code}`}
          className="rounded-lg bg-white p-1"
          style={{ width: size, height: size }}
        />
      ) : (
        <div style={{ width: size, height: size }} className="shrink-0">
          <Skeleton className="size-full rounded-lg" />
        </div>
      )}
      <div>
        <p className="text-xs tracking-wide text-zinc-400 uppercase">Booking code</p>
        <p
          className="font-mono text-2xl font-black tracking-widest text-amber-300"
          data-testid="booking-code"
        >
          {code}
        </p>
      </div>
    </div>
  );
}
