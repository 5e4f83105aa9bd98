# source: https://github.com/AIFSH/ComfyUI-MuseTalk_FSH/issues/3
# error: RuntimeError: expected scalar type Float but found Half
# pattern: input-dtype-mismatch
# shape: multi-file, helper, loader-loop
# needs: numpy, torch
# cpu: no written where torch was not installed; not run
"""Slices whisper encoder features per video frame and batches them with cached face latents."""
import numpy as np
import torch


def feature_chunks(whisper_feature, fps=25, audio_feat_per_sec=50, left=2, right=2):
    """whisper_feature: (T_audio, 5, 384) float32 array -> one (10, 384) chunk per video frame."""
    per_frame = audio_feat_per_sec / fps
    num_frames = int(len(whisper_feature) / per_frame)
    chunks = []
    for i in range(num_frames):
        centre = int(i * per_frame)
        idx = np.clip(np.arange(centre - left, centre + right), 0, len(whisper_feature) - 1)
        chunks.append(whisper_feature[idx].reshape(-1, whisper_feature.shape[-1]))
    return chunks


def datagen(whisper_chunks, latent_cycle, batch_size=8, delay_frame=0):
    """Yield (np.ndarray audio prompts, torch latent batch) pairs, cycling the avatar latents."""
    whisper_batch, latent_batch = [], []
    for i, chunk in enumerate(whisper_chunks):
        idx = (i + delay_frame) % len(latent_cycle)
        whisper_batch.append(chunk)
        latent_batch.append(latent_cycle[idx])
        if len(latent_batch) >= batch_size:
            yield np.stack(whisper_batch), torch.cat(latent_batch, dim=0)
            whisper_batch, latent_batch = [], []
    if latent_batch:
        yield np.stack(whisper_batch), torch.cat(latent_batch, dim=0)
