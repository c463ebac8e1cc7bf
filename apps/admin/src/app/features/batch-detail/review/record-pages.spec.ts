import { ListRange } from '@angular/cdk/collections';
import { Subject } from 'rxjs';

import { Page, RecordView } from '@sluice/shared';

import { aPage } from '../../../testing/batch-views';
import { RecordPages } from './record-pages';

describe(RecordPages.name, () => {
  let loads: { offset: number; answer: Subject<Page<RecordView>> }[];
  let view: Subject<ListRange>;
  let rows: (RecordView | undefined)[];
  let pages: RecordPages;

  beforeEach(() => {
    loads = [];
    view = new Subject();
    pages = new RecordPages(250, 100, (offset) => {
      const answer = new Subject<Page<RecordView>>();
      loads.push({ offset, answer });
      return answer;
    });
    pages.connect({ viewChange: view }).subscribe((current) => (rows = current));
  });

  afterEach(() => pages.disconnect());

  it('holds a slot per record and loads only the pages in view, once each', () => {
    view.next({ start: 0, end: 30 });
    view.next({ start: 90, end: 120 });
    view.next({ start: 95, end: 125 });

    expect(rows).toHaveLength(250);
    expect(loads.map((load) => load.offset)).toEqual([0, 100]);
  });

  it('fills the slots of a page when it arrives', () => {
    view.next({ start: 200, end: 230 });

    loads[0].answer.next(aPage([record(201), record(202)], { offset: 200 }));

    expect(rows[200]?.seq).toBe(201);
    expect(rows[201]?.seq).toBe(202);
    expect(rows[0]).toBeUndefined();
  });

  it('loads a page again when it failed and comes back into view', () => {
    const errors: unknown[] = [];
    pages.errors.subscribe((error) => errors.push(error));
    view.next({ start: 0, end: 10 });

    loads[0].answer.error(new Error('offline'));
    view.next({ start: 0, end: 10 });

    expect(loads.map((load) => load.offset)).toEqual([0, 0]);
    expect(errors.at(-1)).toEqual(new Error('offline'));
  });

  function record(seq: number): RecordView {
    return { seq, lineNumber: seq + 1, values: { id: String(seq) } };
  }
});
