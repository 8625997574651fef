import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { StarRating } from './star-rating';

/** A controlled StarRating, as a page holds one: the value follows every change. */
function Rated({
  initial,
  onChange,
  disabled,
}: {
  initial: number | null;
  onChange: (v: number) => void;
  disabled?: boolean;
}) {
  const [value, setValue] = useState(initial);
  const change = (next: number) => {
    setValue(next);
    onChange(next);
  };
  return <StarRating value={value} onChange={change} label="Your rating of Heat" disabled={disabled} />;
}

function setup(initial: number | null, disabled = false) {
  const onChange = vi.fn();
  render(<Rated initial={initial} onChange={onChange} disabled={disabled} />);
  const slider = screen.getByRole('slider', { name: 'Your rating of Heat' });
  return { onChange, slider, user: userEvent.setup() };
}

describe('StarRating', () => {
  it('describes its value', () => {
    const { slider } = setup(3.5);
    expect(slider.getAttribute('aria-valuenow')).toBe('3.5');
    expect(slider.getAttribute('aria-valuetext')).toBe('3.5 stars out of 5');
    expect(slider.getAttribute('aria-valuemin')).toBe('0.5');
    expect(slider.getAttribute('aria-valuemax')).toBe('5');
  });

  it('says "Not rated" without a value', () => {
    const { slider } = setup(null);
    expect(slider.getAttribute('aria-valuenow')).toBeNull();
    expect(slider.getAttribute('aria-valuetext')).toBe('Not rated');
  });

  it('moves by half a star with the arrows, within 0.5 to 5', async () => {
    const { slider, onChange, user } = setup(4);
    slider.focus();
    await user.keyboard('{ArrowRight}');
    expect(slider.getAttribute('aria-valuenow')).toBe('4.5');
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(slider.getAttribute('aria-valuenow')).toBe('5');
    await user.keyboard('{ArrowLeft}{ArrowDown}');
    expect(slider.getAttribute('aria-valuenow')).toBe('4');
    expect(slider.getAttribute('aria-valuetext')).toBe('4 stars out of 5');
    // Pressing up at 5 changes nothing, so it is not reported.
    expect(onChange.mock.calls.map(([v]) => v)).toEqual([4.5, 5, 4.5, 4]);
  });

  it('starts at half a star from no rating', async () => {
    const { slider, onChange, user } = setup(null);
    slider.focus();
    await user.keyboard('{ArrowRight}');
    expect(onChange).toHaveBeenLastCalledWith(0.5);
    expect(slider.getAttribute('aria-valuetext')).toBe('0.5 stars out of 5');
  });

  it('jumps to the ends with Home and End, and to whole stars with digits', async () => {
    const { slider, onChange, user } = setup(3);
    slider.focus();
    await user.keyboard('{Home}');
    expect(slider.getAttribute('aria-valuenow')).toBe('0.5');
    await user.keyboard('{End}');
    expect(slider.getAttribute('aria-valuenow')).toBe('5');
    await user.keyboard('2');
    expect(slider.getAttribute('aria-valuenow')).toBe('2');
    expect(slider.getAttribute('aria-valuetext')).toBe('2 stars out of 5');
    await user.keyboard('1');
    expect(slider.getAttribute('aria-valuetext')).toBe('1 star out of 5');
    expect(onChange.mock.calls.map(([v]) => v)).toEqual([0.5, 5, 2, 1]);
  });

  it('picks the clicked star', async () => {
    const { slider, onChange, user } = setup(null);
    const fourth = slider.querySelector('[data-star="4"]');
    if (!fourth) throw new Error('no fourth star');
    await user.click(fourth);
    expect(onChange).toHaveBeenLastCalledWith(4);
    expect(slider.getAttribute('aria-valuenow')).toBe('4');
  });

  it('does not report a click on the current value', async () => {
    const { slider, onChange, user } = setup(4);
    const fourth = slider.querySelector('[data-star="4"]');
    if (!fourth) throw new Error('no fourth star');
    await user.click(fourth);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('picks half a star on the left half of a star', () => {
    const { slider, onChange } = setup(null);
    const third = slider.querySelector('[data-star="3"]');
    if (!third) throw new Error('no third star');
    vi.spyOn(third, 'getBoundingClientRect').mockReturnValue(DOMRect.fromRect({ x: 40, y: 0, width: 20, height: 20 }));
    fireEvent.click(third, { clientX: 45 });
    expect(onChange).toHaveBeenLastCalledWith(2.5);
  });

  it('does nothing when disabled', async () => {
    const { slider, onChange, user } = setup(3, true);
    expect(slider.getAttribute('aria-disabled')).toBe('true');
    expect(slider.tabIndex).toBe(-1);
    fireEvent.keyDown(slider, { key: 'ArrowRight' });
    fireEvent.keyDown(slider, { key: '5' });
    const fifth = slider.querySelector('[data-star="5"]');
    if (fifth) await user.click(fifth);
    expect(onChange).not.toHaveBeenCalled();
    expect(slider.getAttribute('aria-valuenow')).toBe('3');
  });
});
