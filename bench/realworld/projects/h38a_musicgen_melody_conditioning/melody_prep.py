# source: https://github.com/ylacombe/musicgen-dreamboothing/issues/9
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Float and Half
# pattern: input-dtype-mismatch
# shape: multi-file, helper, batch-dict
# bug-lines: 34
# needs: numpy, soundfile
# cpu: no written where torch was not installed; not run
import numpy as np
import soundfile as sf


def load_melody(path, target_sr=32000, max_seconds=30):
    audio, sr = sf.read(path, dtype="float32", always_2d=True)
    audio = audio.mean(axis=1)
    if sr != target_sr:
        n_out = int(round(len(audio) * target_sr / sr))
        grid = np.linspace(0, len(audio) - 1, n_out)
        audio = np.interp(grid, np.arange(len(audio)), audio).astype(np.float32)
        sr = target_sr
    return audio[: max_seconds * sr], sr


def build_inputs(processor, prompts, melody, sr, device):
    """Text prompts plus one chroma-conditioned melody per prompt."""
    melodies = [melody] * len(prompts)
    inputs = processor(
        audio=melodies,
        sampling_rate=sr,
        text=prompts,
        padding=True,
        return_tensors="pt",
    )
    # input_ids / attention_mask / input_features all go to the model device
    inputs = inputs.to(device)
    return inputs
