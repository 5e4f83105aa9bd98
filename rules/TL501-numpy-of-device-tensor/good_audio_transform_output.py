# The decibel features are brought back to the host before numpy reads them.
import numpy as np
import torch
import torchaudio

device = torch.device("cuda")
melspec = torchaudio.transforms.MelSpectrogram(sample_rate=22050, n_mels=80).to(device)
to_db = torchaudio.transforms.AmplitudeToDB(top_db=80)
wave, rate = torchaudio.load("clip.wav")
features = to_db(melspec(wave.to(device)))
np.save("clip_mel.npy", np.asarray(features.cpu()))
