# source: https://github.com/pyannote/pyannote-audio/pull/1518
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class
# bug-lines: 46
# needs: torch, numpy, onnxruntime
# cpu: no written where torch was not installed; not run
"""Speaker-embedding wrapper around an ONNX export of a ResNet34 embedder.
Fbank features are computed in torch so they can run on the GPU together with
the segmentation model; the embedder itself runs in onnxruntime."""
import numpy as np
import onnxruntime as ort
import torch
import torch.nn.functional as F


class ONNXSpeakerEmbedding:
    def __init__(self, onnx_path, sample_rate=16000, n_mels=80):
        self.sample_rate, self.n_mels = sample_rate, n_mels
        self.session = ort.InferenceSession(onnx_path, providers=["CPUExecutionProvider"])
        self.device = torch.device("cpu")
        self.dimension = self.session.get_outputs()[0].shape[-1]

    def to(self, device):
        self.device = device
        return self

    def compute_fbank(self, waveforms):
        wav = waveforms.squeeze(1) * (1 << 15)
        window = torch.hann_window(400, device=wav.device)
        spec = torch.stft(wav, n_fft=512, hop_length=160, win_length=400,
                          window=window, return_complex=True).abs() ** 2
        mel = torch.linspace(0, 1, self.n_mels * spec.shape[1], device=wav.device)
        mel = mel.view(self.n_mels, spec.shape[1]).softmax(dim=-1)
        feats = torch.log(torch.matmul(mel, spec) + 1e-6).transpose(1, 2)
        return feats - feats.mean(dim=1, keepdim=True)

    def __call__(self, waveforms, masks):
        features = self.compute_fbank(waveforms.to(self.device))
        num_frames = features.shape[1]
        imasks = F.interpolate(masks[:, None], size=num_frames, mode="nearest")[:, 0] > 0.5
        embeddings = np.full((len(features), self.dimension), np.nan, dtype=np.float32)
        for i, (feat, imask) in enumerate(zip(features, imasks)):
            if imask.sum() < 10:
                continue
            feed = feat[imask][None].numpy()
            embeddings[i] = self.session.run(["embs"], {"feats": feed})[0][0]
        return embeddings
