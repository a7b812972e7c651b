import { Modal } from 'antd';
import { showSuccess } from '../../components/feedback';
import { PasswordForm } from './PasswordForm';

/** 修改密码 from the header's user menu. */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Modal title="修改密码" open={open} onCancel={onClose} footer={null} destroyOnHidden width={460}>
      <PasswordForm
        onDone={() => {
          showSuccess('密码已修改，其他设备上的登录已失效');
          onClose();
        }}
      />
    </Modal>
  );
}
