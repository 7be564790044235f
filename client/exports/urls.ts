/** Addresses of the export downloads (GET /api/plans/:planId/export.:format, redline.:format). */
import { queryString } from '../api/http.js';

const seg = encodeURIComponent;

export const exportUrl = (planId: string, format: string, params: { version: string; lang: string; domain?: string; commitment?: string }) =>
  `/api/plans/${seg(planId)}/export.${format}?${queryString(params)}`;
export const redlineUrl = (planId: string, format: string, params: { from?: string; to?: string; lang: string; commitment?: string; layout?: string }) =>
  `/api/plans/${seg(planId)}/redline.${format}?${queryString(params)}`;
