import { number } from '../i18n/format';
import { t } from '../i18n/i18n';
import type { SectionModel } from './model';
import { placeSections, STAGE_HEIGHT } from './venue-layout';

/** The whole venue: the stage and every section coloured by grade with its live remaining count; tap to zoom in. */
export function Overview({ sections, onOpen }: { sections: SectionModel[]; revision: number; onOpen: (section: SectionModel) => void }) {
  const placed = placeSections(sections);
  return (
    <div class="venue" data-testid="venue">
      <div class="stage" style={{ height: `${STAGE_HEIGHT - 2}%` }}>
        {t('seats.stage')}
      </div>
      {placed.map(({ section, left, top, width, height }) => (
        <button
          type="button"
          key={section.name}
          class={`section-box grade-${gradeClass(section.grade)} ${section.available === 0 ? 'soldout' : ''}`}
          style={{ left: `${left}%`, top: `${top}%`, width: `${width}%`, height: `${height}%` }}
          data-section={section.name}
          onClick={() => onOpen(section)}
        >
          {/* The visible "F1 / 300" is part of the spoken name "F1 구역 · VIP석 · 잔여 300 석" (WCAG 2.5.3). */}
          <span class="name">{section.name}</span>
          <span class="sr-only"> {t('seats.sectionSr', { grade: section.grade })} </span>
          <span class="left">{number(section.available)}</span>
          <span class="sr-only"> {t('seats.sectionSrUnit')}</span>
        </button>
      ))}
    </div>
  );
}

/** Grades map to a fixed palette; unknown grades share a neutral colour. */
export const gradeClass = (grade: string) => (['VIP', 'R', 'S', 'A'].includes(grade) ? grade : 'other');
