/* actorgraph page: the as-of controls, to see what holds at one date.
 *
 * A checkbox turns the date on and off, a slider runs by day from the first
 * to the last date of the data, a box takes a typed date at any precision
 * (YYYY, YYYY-MM, YYYY-MM-DD) and a button plays through time. The date is
 * kept at the precision given; dates.js decides what holds at it.
 */
const actorgraphAsOf = (function () {
  "use strict";

  const { parseDate, formatDate, dayNumber, lastDayNumber, isoOfDay } = actorgraphDates;
  const PLAY_STEPS = 150; // a play through the whole range takes this many steps...
  const PLAY_DELAY = 120; // ...of this many ms each

  // onChange redraws after the date changed.
  function create(data, state, onChange) {
    const timeOn = document.getElementById("time-on");
    const slider = document.getElementById("time-slider");
    const dateBox = document.getElementById("time-date");
    const play = document.getElementById("time-play");
    const timeBox = document.getElementById("time");
    let firstDay = 0; // the slider's 0: the day number of the data's first date
    let playing = null; // the interval while playing

    const sliderDay = (iso) => Math.max(0, Math.min(Number(slider.max), dayNumber(iso) - firstDay));
    const sliderDate = (value) => isoOfDay(firstDay + Number(value));

    // The controls as render() asked for: its as-of date, else the data's last date, off.
    function setup() {
      if (!data.dateRange) {
        // Nothing in the data is dated: only a date typed in (or --as-of) can apply.
        slider.hidden = play.hidden = true;
        dateBox.value = state.asOf || "";
        timeOn.checked = state.asOf != null;
        timeBox.classList.toggle("off", !timeOn.checked);
        return;
      }
      firstDay = dayNumber(data.dateRange[0]);
      slider.max = String(lastDayNumber(data.dateRange[1]) - firstDay);
      slider.value = String(sliderDay(state.asOf || data.dateRange[1]));
      dateBox.value = state.asOf || sliderDate(slider.value);
      timeOn.checked = state.asOf != null;
      timeBox.classList.toggle("off", !timeOn.checked);
    }

    // Show what holds at a date (null: at any date); false if the text is no date.
    function setAsOf(text) {
      if (text == null) {
        state.asOf = null; timeOn.checked = false;
      } else {
        const parts = parseDate(text);
        if (!parts) { dateBox.setAttribute("aria-invalid", "true"); return false; }
        state.asOf = formatDate(parts);
        timeOn.checked = true;
        dateBox.value = state.asOf;
        if (data.dateRange) slider.value = String(sliderDay(state.asOf));
      }
      dateBox.removeAttribute("aria-invalid");
      timeBox.classList.toggle("off", !timeOn.checked);
      onChange();
      return true;
    }

    function stopPlaying() {
      if (playing) { clearInterval(playing); playing = null; play.textContent = "▶"; play.ariaLabel = "Play through time"; }
    }

    function startPlaying() {
      const max = Number(slider.max);
      if (Number(slider.value) >= max) slider.value = "0";
      const step = Math.max(1, Math.round(max / PLAY_STEPS));
      play.textContent = "❚❚";
      play.ariaLabel = "Pause";
      playing = setInterval(() => {
        const next = Math.min(max, Number(slider.value) + step);
        slider.value = String(next);
        setAsOf(sliderDate(next));
        if (next >= max) stopPlaying();
      }, PLAY_DELAY);
    }

    slider.addEventListener("input", () => setAsOf(sliderDate(slider.value)));
    dateBox.addEventListener("change", () => setAsOf(dateBox.value));
    dateBox.addEventListener("keydown", (e) => { if (e.key === "Enter") setAsOf(dateBox.value); });
    timeOn.addEventListener("change", () => setAsOf(timeOn.checked ? dateBox.value : null));
    play.addEventListener("click", () => (playing ? stopPlaying() : startPlaying()));

    return { setup: setup, setAsOf: setAsOf };
  }

  return { create: create };
})();
