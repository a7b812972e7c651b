import { App } from 'antd';
import { useEffect } from 'react';
import { setMessageApi } from './feedback';

export function FeedbackBridge() {
  const { message } = App.useApp();
  useEffect(() => setMessageApi(message), [message]);
  return null;
}
