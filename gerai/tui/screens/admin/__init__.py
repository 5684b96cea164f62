"""The admin menu (F11): users and the audit trail."""
