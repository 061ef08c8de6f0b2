/**
 * Demo data for `npm run local`. Each capability that has demo data (concerts, venues, artists, agencies) adds its
 * seeder here; seeders run in order with the local environment already in process.env, and must be idempotent so a
 * persisted LOCAL_DATA_DIR can be seeded again.
 */
const seeders: Array<{ name: string; run: () => Promise<void> }> = [];

export async function seedDemoData(): Promise<void> {
  for (const seeder of seeders) await seeder.run();
}
