import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';

import { ApplicationFailure } from '@temporalio/common';

import type { FileDelimiter, FileEncoding } from '@sluice/shared';
import type { FormatChoice } from '@sluice/workflows';

import { detectDelimiter, FileRefusedError, readCsvRows } from '../csv/csv-record-reader';
import { decodeSample, detectEncoding, looksBinary } from '../csv/text-encoding';

const SAMPLE_BYTES = 64 * 1_024;

/** How a file will be read. */
export interface SniffedFormat {
  encoding: FileEncoding;
  delimiter: FileDelimiter;
}

/**
 * Decides how to read a file before anything is stored: its encoding and delimiter (detected
 * unless chosen), and whether it is a CSV file at all. Refuses an empty file, binary data and
 * an unusable header here, so a refused re-read leaves the batch's records as they were.
 */
export async function sniffFile(
  path: string,
  choice: FormatChoice,
  maxRecordBytes: number,
): Promise<SniffedFormat> {
  const { sample, isWholeFile } = await readSample(path);
  if (sample.length === 0) throw new FileRefusedError('The file is empty: no header row');
  const encoding = choice.encoding ?? (await detectEncoding(path, sample));
  const text = decodeSample(sample, encoding);
  if (looksBinary(sample, text, encoding)) {
    throw new FileRefusedError(
      `The file is not a text CSV file: read as ${encoding}, it holds binary data`,
    );
  }
  const delimiter = choice.delimiter ?? detectDelimiter(text);
  await checkHeader(text, { encoding: 'utf-8', delimiter, maxRecordBytes }, isWholeFile);

  return { encoding, delimiter };
}

/** Reads the sample up to the header; a header cut off by the sample's end is not judged. */
async function checkHeader(
  text: string,
  options: { encoding: 'utf-8'; delimiter: FileDelimiter; maxRecordBytes: number },
  isWholeFile: boolean,
): Promise<void> {
  const rows = readCsvRows(Readable.from([Buffer.from(text, 'utf8')]), options, () => undefined);
  try {
    await rows.next();
  } catch (error) {
    if (error instanceof FileRefusedError && (isWholeFile || !/empty/.test(error.message))) {
      throw error;
    }
  } finally {
    await rows.return(undefined);
  }
}

async function readSample(path: string): Promise<{ sample: Buffer; isWholeFile: boolean }> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    // The upload vanished from storage (or was never written): retrying will not bring it back.
    throw ApplicationFailure.nonRetryable('The uploaded file cannot be read', 'FILE_UNREADABLE', {
      cause: (error as NodeJS.ErrnoException).code,
    });
  }
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    const { size } = await handle.stat();

    return { sample: buffer.subarray(0, bytesRead), isWholeFile: bytesRead >= size };
  } finally {
    await handle.close();
  }
}
