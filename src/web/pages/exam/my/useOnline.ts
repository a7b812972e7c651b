import { useEffect, useState } from 'react';

/** navigator.onLine, kept current. (It only knows about the device's link; failed saves tell the rest.) */
export function useOnline(onBack?: () => void): boolean {
  const [online, setOnline] = useState(() => (typeof navigator === 'undefined' ? true : navigator.onLine));
  useEffect(() => {
    const up = () => {
      setOnline(true);
      onBack?.();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, [onBack]);
  return online;
}
