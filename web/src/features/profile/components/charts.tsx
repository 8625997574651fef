/**
 * The profile's three charts, drawn with recharts. Only the profile page loads this module (through
 * React.lazy), so recharts stays out of every other screen's JavaScript. Colours follow the theme:
 * SVG does not see Tailwind's dark: variants, so the palette is picked here.
 */
import type { ReactNode } from 'react';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { genreHue } from '@/lib/genre-colors';
import { useTheme } from '@/lib/theme';
import { monthLabel, type Distribution, type MonthCount, type TopGenres } from './chart-data';
import { activityTooltip, distributionTooltip, genreTooltip } from './chart-tooltips';

const PALETTES = {
  light: {
    text: '#52525b',
    grid: '#e4e4e7',
    cursor: 'rgb(0 0 0 / 0.05)',
    accent: 'oklch(0.63 0.22 18)',
    star: '#f59e0b',
  },
  dark: {
    text: '#a1a1aa',
    grid: '#3f3f46',
    cursor: 'rgb(255 255 255 / 0.06)',
    accent: 'oklch(0.7 0.19 18)',
    star: '#fbbf24',
  },
};

const usePalette = () => PALETTES[useTheme()];

/** Charts grow in, unless the person asked for less motion. */
const animate = () => !window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** The chart fills its frame's width; the frame fixes the height so the skeleton matches it. */
function Frame({ height, children }: { height: number; children: ReactNode }) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      {children}
    </ResponsiveContainer>
  );
}

// The frame around each chart is role="img" with a text summary; the keyboard layer would put a
// focusable element inside it, and the numbers are in the table under the chart instead.
const CHART = { accessibilityLayer: false } as const;

export function DistributionChart({ data, height }: { data: Distribution; height: number }) {
  const p = usePalette();
  return (
    <Frame height={height}>
      <BarChart {...CHART} data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke={p.grid} />
        <XAxis
          dataKey="rating"
          tickFormatter={(v: number) => `${v}★`}
          tick={{ fill: p.text, fontSize: 12 }}
          stroke={p.grid}
        />
        <YAxis allowDecimals={false} width="auto" tick={{ fill: p.text, fontSize: 12 }} stroke={p.grid} />
        <Tooltip cursor={{ fill: p.cursor }} content={distributionTooltip} />
        <Bar dataKey="count" fill={p.star} radius={[4, 4, 0, 0]} isAnimationActive={animate()} />
      </BarChart>
    </Frame>
  );
}

export function GenresChart({ data, height }: { data: TopGenres; height: number }) {
  const p = usePalette();
  return (
    <Frame height={height}>
      <BarChart {...CHART} data={data} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid horizontal={false} stroke={p.grid} />
        <XAxis type="number" allowDecimals={false} tick={{ fill: p.text, fontSize: 12 }} stroke={p.grid} />
        <YAxis type="category" dataKey="genre" width="auto" tick={{ fill: p.text, fontSize: 12 }} stroke={p.grid} />
        <Tooltip cursor={{ fill: p.cursor }} content={genreTooltip} />
        <Bar dataKey="count" radius={[0, 4, 4, 0]} isAnimationActive={animate()}>
          {data.map((g) => (
            <Cell key={g.genre} fill={`oklch(0.64 0.15 ${genreHue([g.genre])})`} />
          ))}
        </Bar>
      </BarChart>
    </Frame>
  );
}

export function ActivityChart({ data, height }: { data: MonthCount[]; height: number }) {
  const p = usePalette();
  // Dots only while there are few enough months to tell apart.
  const dot = data.length <= 24 ? { r: 3, fill: p.accent } : false;
  return (
    <Frame height={height}>
      <AreaChart {...CHART} data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <defs>
          <linearGradient id="activity-fill" x1="0" y1="0" x2="0" y2="1">
            <stop offset="0%" stopColor={p.accent} stopOpacity={0.45} />
            <stop offset="100%" stopColor={p.accent} stopOpacity={0.05} />
          </linearGradient>
        </defs>
        <CartesianGrid vertical={false} stroke={p.grid} />
        <XAxis
          dataKey="month"
          tickFormatter={monthLabel}
          minTickGap={24}
          tick={{ fill: p.text, fontSize: 12 }}
          stroke={p.grid}
        />
        <YAxis allowDecimals={false} width="auto" tick={{ fill: p.text, fontSize: 12 }} stroke={p.grid} />
        <Tooltip cursor={{ stroke: p.text, strokeDasharray: '3 3' }} content={activityTooltip} />
        <Area
          type="monotone"
          dataKey="count"
          stroke={p.accent}
          strokeWidth={2}
          fill="url(#activity-fill)"
          dot={dot}
          isAnimationActive={animate()}
        />
      </AreaChart>
    </Frame>
  );
}
