# source: https://github.com/christian-byrne/audio-separation-nodes-comfyui/pull/31
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: discarded-tensor-move
# shape: multi-file, helper
# bug-lines: 25, 29
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
"""Combine two stems (e.g. separated vocals and a new backing track) into one mix."""
import torch

from audio_utils import ensure_stereo, get_device, match_length, peak_normalize, resample_on_device

METHODS = ("add", "mean", "subtract", "multiply")


def combine_stems(waveform_1, sr_1, waveform_2, sr_2, method="add"):
    if method not in METHODS:
        raise ValueError(f"unknown combine method {method!r}")
    device = get_device()
    waveform_1, waveform_2 = ensure_stereo(waveform_1), ensure_stereo(waveform_2)

    # bring both stems to the higher sample rate, then hand them back on the CPU
    if sr_1 > sr_2:
        waveform_2 = resample_on_device(waveform_2, sr_2, sr_1, device)
        waveform_2.to("cpu")
        output_sr = sr_1
    elif sr_2 > sr_1:
        waveform_1 = resample_on_device(waveform_1, sr_1, sr_2, device)
        waveform_1.to("cpu")
        output_sr = sr_2
    else:
        output_sr = sr_1

    waveform_1, waveform_2 = match_length(waveform_1, waveform_2)
    if method == "add":
        mixed = waveform_1 + waveform_2
    elif method == "mean":
        mixed = (waveform_1 + waveform_2) / 2
    elif method == "subtract":
        mixed = waveform_1 - waveform_2
    else:
        mixed = waveform_1 * waveform_2
    return peak_normalize(mixed), output_sr
