# source: https://github.com/BrasD99/HeyGenClone/issues/3
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, helper
# bug-lines: 58
# needs: torch, numpy, onnxruntime
# cpu: no written where torch was not installed; not run
"""Vocal/reverb separation that runs before speaker diarization: the mix is
cut into chunks, turned into a spectrogram with torch.stft and the mask net
is an ONNX export run through onnxruntime."""
import numpy as np
import onnxruntime as ort
import torch


class SpectrogramHelper:
    def __init__(self, device, n_fft=6144, hop=1024, dim_f=3072, dim_t=256):
        self.n_fft, self.hop, self.dim_f, self.dim_t = n_fft, hop, dim_f, dim_t
        self.n_bins = n_fft // 2 + 1
        self.chunk_size = hop * (dim_t - 1)
        self.window = torch.hann_window(n_fft, periodic=True).to(device)

    def stft(self, x):
        x = x.reshape(-1, self.chunk_size)
        spec = torch.stft(x, n_fft=self.n_fft, hop_length=self.hop,
                          window=self.window, center=True, return_complex=True)
        spec = torch.view_as_real(spec).permute(0, 3, 1, 2)
        spec = spec.reshape(-1, 4, self.n_bins, self.dim_t)
        return spec[:, :, : self.dim_f]


class Dereverber:
    def __init__(self, onnx_path, use_gpu=True):
        self.device = torch.device("cuda" if use_gpu and torch.cuda.is_available() else "cpu")
        self.spec = SpectrogramHelper(self.device)
        self.session = ort.InferenceSession(
            onnx_path, providers=["CUDAExecutionProvider", "CPUExecutionProvider"])

    def split_chunks(self, mix, chunk_seconds=15, sr=44100):
        step = chunk_seconds * sr
        return {start: mix[:, start:start + step] for start in range(0, mix.shape[1], step)}

    def demix(self, mix):
        chunks = self.split_chunks(mix)
        return self.demix_base(chunks)

    def demix_base(self, chunks):
        outputs = []
        size = self.spec.chunk_size
        for start in sorted(chunks):
            cmix = chunks[start]
            pad = size - cmix.shape[1] % size
            padded = np.concatenate([cmix, np.zeros((2, pad), dtype=np.float32)], 1)
            waves = [padded[:, i:i + size] for i in range(0, padded.shape[1], size)]
            mix_waves = torch.tensor(np.array(waves), dtype=torch.float32).to(self.device)
            with torch.no_grad():
                spek = self.spec.stft(mix_waves)
                feed = -spek.to(self.device).numpy()
                pred = -self.session.run(None, {"input": feed})[0]
            outputs.append(pred)
        return outputs


if __name__ == "__main__":
    engine = Dereverber("weights/onnx_dereverb/vocals.onnx")
    stereo = np.random.randn(2, 44100 * 40).astype(np.float32)
    masks = engine.demix(stereo)
    print(len(masks), masks[0].shape)
