import { eq } from 'drizzle-orm';
import { DEFAULT_LEARNING_SETTINGS, learningYearSettingsSchema, type LearningYearSettings } from '../../../common/learning';
import type { Db } from '../../db/client';
import { learningYearSettings } from './schema';

/** The year's settings, defaults filled in (a year nobody configured uses the defaults). */
export async function getLearningSettings(db: Db, year: number): Promise<LearningYearSettings> {
  const [row] = await db.select({ settings: learningYearSettings.settings }).from(learningYearSettings).where(eq(learningYearSettings.year, year));
  if (!row) return DEFAULT_LEARNING_SETTINGS;
  // stored settings were validated on save; parse again so fields added later get their defaults
  return learningYearSettingsSchema.parse(row.settings);
}
