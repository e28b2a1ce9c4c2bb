/**
 * Large synthetic orgs for benchmarks and load tests: `teams` teams of `repsPerTeam` reps under one
 * sales department, each team with a manager. Deterministic for a given size.
 */
export function syntheticOrgRows(reps: number, repsPerTeam = 10): Record<string, string>[] {
  const rows: Record<string, string>[] = [{ department: '销售中心', name: '总监', employee_no: 'D0', roles: 'manager', is_leader: '是' }];
  const teams = Math.ceil(reps / repsPerTeam);
  let made = 0;
  for (let team = 1; team <= teams; team += 1) {
    const department = `销售中心/第${team}组`;
    rows.push({ department, name: `经理${team}`, employee_no: `M${team}`, roles: 'manager', is_leader: '是', manager_employee_no: 'D0' });
    for (let i = 1; i <= repsPerTeam && made < reps; i += 1) {
      made += 1;
      rows.push({ department, name: `业务员${made}`, employee_no: `R${made}`, roles: 'rep' });
    }
  }
  return rows;
}
