import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCheckInCode } from '../../../shared/check-in-code';

/** The code the patient types at the kiosk on the day, and the same as a QR code its scanner reads off the screen. */
export function CheckInCode({ code }: { code: string }) {
  const { t } = useTranslation();
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void QRCode.toDataURL(code, { errorCorrectionLevel: 'M', margin: 4, scale: 5 }).then((url) => current && setQr(url));
    return () => {
      current = false;
    };
  }, [code]);
  return (
    <div className="check-in-code">
      <div>
        <p className="check-in-code__label">{t('appointments.checkInCode')}</p>
        <p className="check-in-code__value">{formatCheckInCode(code)}</p>
        <p className="muted">{t('appointments.checkInHint')}</p>
      </div>
      {qr && <img src={qr} alt={t('appointments.checkInQr')} width={145} height={145} />}
    </div>
  );
}
