"""Audio libraries' facts (torchaudio, nnAudio): which transforms are modules that
keep a buffer, and which functions build a matrix on the CPU. Read through
``torch_api``'s module tests and by the effects of library calls."""

from __future__ import annotations

# torchaudio's transforms that keep a float32 window, filterbank or kernel as a
# buffer: modules, placed and cast like any other. The others (Fade, Vol,
# AmplitudeToDB, the maskings) hold nothing and work on any device as they are.
TORCHAUDIO_TRANSFORMS = "torchaudio.transforms."
TORCHAUDIO_BUFFERED = frozenset(
    """Spectrogram InverseSpectrogram GriffinLim MelScale InverseMelScale MelSpectrogram
    MFCC LFCC Resample TimeStretch SpectralCentroid PitchShift""".split()
)
# nnAudio's feature layers (``features.MelSpectrogram(sr=...)``): modules whose STFT
# kernels and filterbanks are CPU tensors until the layer is moved.
NNAUDIO_LAYERS = ("nnAudio.features.", "nnAudio.Spectrogram.")
# torchaudio's functions that build a float32 matrix on the CPU (they take no device):
# a filterbank or transform that a module keeps to multiply its input with.
AUDIO_MATRICES = frozenset(
    f"torchaudio.functional.{name}" for name in ("melscale_fbanks", "linear_fbanks", "create_dct")
)
