import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../api';
import { forgetMe } from './session';

/** 退出登录: tell the server, forget everything cached, go to the login page. */
export function useLogout(): () => void {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return useCallback(() => {
    void api
      .post('/api/auth/logout', {}, { quietAuth: true })
      .catch(() => undefined)
      .finally(() => {
        forgetMe(qc);
        navigate('/login', { replace: true, state: { notice: null } });
      });
  }, [qc, navigate]);
}
