import { FileDelimiter, FileEncoding } from '@sluice/shared';

/** Encodings and delimiters in the words an operator knows them by. */
export const ENCODING_NAMES: Readonly<Record<FileEncoding, string>> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252 (Western European)',
};

export const DELIMITER_NAMES: Readonly<Record<FileDelimiter, string>> = {
  ',': 'Comma (,)',
  ';': 'Semicolon (;)',
  '\t': 'Tab',
  '|': 'Pipe (|)',
};
