import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';

import busboy from 'busboy';

import { DomainError, ValidationError } from '@sluice/shared';

/** A file received and stored whole; the original name is for display only. */
export interface ReceivedUpload {
  fileName: string;
  sizeBytes: number;
}

const FILE_FIELD = 'file';
/**
 * Room for what a form carries besides the file's bytes: boundaries, part headers and a few
 * small fields. A request declaring more than the limit plus this is refused before it is read.
 */
const FORM_FRAMING_BYTES = 1024 ** 2;

/**
 * Streams the `file` field of a multipart request to `targetPath`, never holding the file in
 * memory. A file over `maxBytes` is refused while streaming (or, when the request declares its
 * length, before reading it) and leaves nothing behind.
 */
export async function receiveUpload(
  request: IncomingMessage,
  targetPath: string,
  maxBytes: number,
): Promise<ReceivedUpload> {
  if (!request.headers['content-type']?.startsWith('multipart/form-data')) {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data');
  }
  const declaredBytes = Number(request.headers['content-length'] ?? 0);
  if (declaredBytes > maxBytes + FORM_FRAMING_BYTES) throw tooLarge(maxBytes);
  const partialPath = `${targetPath}.part`;
  await mkdir(targetPath.slice(0, targetPath.lastIndexOf('/')), { recursive: true });
  try {
    const upload = await streamFileField(request, partialPath, maxBytes);
    await rename(partialPath, targetPath);
    return upload;
  } catch (error) {
    await rm(partialPath, { force: true });
    throw error;
  }
}

function streamFileField(
  request: IncomingMessage,
  partialPath: string,
  maxBytes: number,
): Promise<ReceivedUpload> {
  return new Promise((resolve, reject) => {
    const parser = busboy({
      headers: request.headers,
      limits: { files: 1, fileSize: maxBytes, fields: 10 },
    });
    let stored: Promise<ReceivedUpload> | null = null;
    parser.on('file', (field, file, info) => {
      if (field !== FILE_FIELD || stored) {
        file.resume();
        return;
      }
      let sizeBytes = 0;
      file.on('data', (chunk: Buffer) => (sizeBytes += chunk.length));
      file.on('limit', () => {
        file.destroy(tooLarge(maxBytes));
      });
      stored = pipeline(file, createWriteStream(partialPath)).then(() => ({
        fileName: displayName(info.filename),
        sizeBytes,
      }));
      stored.catch(reject);
    });
    parser.on('error', (error: Error) =>
      reject(new ValidationError(`The upload is not valid multipart data: ${error.message}`)),
    );
    parser.on('close', () => {
      if (!stored) reject(new ValidationError(`The upload has no "${FILE_FIELD}" field`));
      else stored.then(resolve, reject);
    });
    request.pipe(parser);
  });
}

function tooLarge(maxBytes: number): DomainError {
  return new DomainError('PAYLOAD_TOO_LARGE', `The file is larger than ${maxBytes} bytes`);
}

/** The client's file name, cut to its last path segment and stripped of control characters. */
function displayName(fileName: string | undefined): string {
  const base = (fileName ?? '').split(/[\\/]/).pop() ?? '';
  const clean = Array.from(base)
    .filter((char) => char.charCodeAt(0) >= 0x20 && char.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, 255);

  return clean || 'upload.csv';
}
