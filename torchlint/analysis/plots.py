"""matplotlib's figures and axes: ``fig, axs = plt.subplots(2, 4)``, ``ax =
fig.add_subplot(111)``. What their plotting methods are given (``ax.imshow(img)``,
``axs[0, 1].plot(losses)``) is made a numpy array, as pyplot's own functions do
(``array_api.ARRAY_LIBRARIES``): a tensor on a GPU fails there."""

from __future__ import annotations

from torchlint.analysis.values import Kind, Value, new_ident

FIGURE = "matplotlib.figure.Figure"
AXES = "matplotlib.axes.Axes"  # one Axes, or an array of them (indexed, flattened)

# pyplot's functions that make axes, and a figure and its axes.
_MAKES_AXES = frozenset({"subplot", "gca", "axes", "subplot2grid"})
_FIGURE_MAKES_AXES = frozenset({"add_subplot", "gca", "add_axes", "subplots"})
# What an array of axes gives back as axes (``axs.flatten()[i]``).
_AXES_VIEWS = frozenset({"flatten", "ravel", "reshape", "item", "twinx", "twiny"})
# Axes methods that make numpy arrays of their data arguments. (Not ``step``: the
# screen reads these names on any receiver, and every optimizer has a ``step``.)
PLOTTING = frozenset(
    """plot scatter imshow matshow hist hist2d bar barh errorbar fill_between stem
    boxplot violinplot pcolormesh pcolor contour contourf quiver specgram semilogy
    semilogx loglog""".split()
)


def _axes() -> Value:
    return Value(Kind.OBJECT, origin=AXES, ident=new_ident())


def pyplot_result(q: str) -> Value | None:
    """What a pyplot function gives: ``plt.subplots(...)`` a figure and its axes,
    ``plt.figure()`` a figure, ``plt.subplot(...)`` axes. None for the others."""
    name = q.rsplit(".", 1)[-1]
    if not q.startswith("matplotlib.pyplot."):
        return None
    if name == "subplots":
        figure = Value(Kind.OBJECT, origin=FIGURE, ident=new_ident())
        return Value(Kind.TUPLE, items=(figure, _axes()))
    if name == "figure":
        return Value(Kind.OBJECT, origin=FIGURE, ident=new_ident())
    return _axes() if name in _MAKES_AXES else None


def method(receiver: Value, name: str) -> Value | None:
    """``<figure or axes>.<name>(...)``: the axes it makes or views (``fig.add_subplot(1,
    2, 1)``, ``axs.flatten()``); None for the others. (Its plotting methods convert
    their arguments: ``plotting``.)"""
    if receiver.origin == FIGURE and name in _FIGURE_MAKES_AXES:
        return _axes()
    return receiver if receiver.origin == AXES and name in _AXES_VIEWS else None


def plotting(receiver: Value, name: str) -> str | None:
    """The qualified name of ``ax.<name>`` when it plots its arguments (made numpy
    arrays there, as ``arrays.library_call`` records)."""
    return f"{AXES}.{name}" if receiver.origin == AXES and name in PLOTTING else None
