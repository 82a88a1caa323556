// pdfmake 0.3 ships no types; only the server-side calls this project makes are declared.
declare module 'pdfmake' {
  interface PdfMakeDocument {
    getBuffer(): Promise<Buffer>;
  }
  interface PdfMake {
    setFonts(fonts: Record<string, Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>>): void;
    setUrlAccessPolicy(policy: (url: string) => boolean): void;
    setLocalAccessPolicy(policy: (path: string) => boolean): void;
    createPdf(doc: Record<string, unknown>, options?: Record<string, unknown>): PdfMakeDocument;
  }
  const pdfmake: PdfMake;
  export default pdfmake;
}
