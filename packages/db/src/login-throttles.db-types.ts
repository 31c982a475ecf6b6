export interface LoginThrottlesTable {
  scope: 'account' | 'address' | 'pair';
  key: string;
  failures: number;
  first_failure_at: Date;
  last_failure_at: Date;
  blocked_until: Date | null;
}

export interface LoginThrottlesDb {
  login_throttles: LoginThrottlesTable;
}
