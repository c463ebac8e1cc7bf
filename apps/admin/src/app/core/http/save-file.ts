/** Hands a downloaded file to the browser as if the operator had clicked a download link. */
export function saveFile(content: Blob, fileName: string): void {
  const url = URL.createObjectURL(content);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The click has started the download by now; the object URL only holds memory.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
