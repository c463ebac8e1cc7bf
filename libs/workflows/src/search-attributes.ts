import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

import { SEARCH_ATTRIBUTE_NAMES } from '@sluice/shared';

/** Batch id, so the Temporal Web UI can find a batch's workflow runs. */
export const BATCH_ID_SEARCH_ATTRIBUTE = defineSearchAttributeKey(
  SEARCH_ATTRIBUTE_NAMES.batchId,
  SearchAttributeType.KEYWORD,
);

/** Current phase, so the Temporal Web UI can filter batches by phase. */
export const BATCH_PHASE_SEARCH_ATTRIBUTE = defineSearchAttributeKey(
  SEARCH_ATTRIBUTE_NAMES.batchPhase,
  SearchAttributeType.KEYWORD,
);
