import type { FastifyInstance } from 'fastify';

// Filled in by the people import (template, preview, commit).
export async function peopleImportRoutes(_app: FastifyInstance): Promise<void> {}
