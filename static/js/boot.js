// Runs before the first paint, so what only works with JavaScript never flashes into view without it.
document.documentElement.classList.add("js");
