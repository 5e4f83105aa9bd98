# source: https://github.com/Takaaki-Saeki/ssl_speech_restoration/issues/4
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# looks-like: torch-load-map-location
# shape: helper, class
# needs: torch, torchaudio, gradio
# cpu: no written where torch was not installed; not run
import gradio as gr
import torch
import torch.nn as nn
import torchaudio


def pick_device():
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


class ChannelFeatureEncoder(nn.Module):
    def __init__(self, n_mels=80, hidden=256, channel_dim=128):
        super().__init__()
        self.melspec = torchaudio.transforms.MelSpectrogram(22050, n_fft=1024, hop_length=256, n_mels=n_mels)
        self.rnn = nn.GRU(n_mels, hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, channel_dim)

    def forward(self, wav):
        mel = (self.melspec(wav) + 1e-5).log().transpose(1, 2)
        h, _ = self.rnn(mel)
        return self.out(h.mean(dim=1))


class RestorationModel(nn.Module):
    def __init__(self, channel_dim=128, n_mels=80):
        super().__init__()
        self.encoder = ChannelFeatureEncoder(n_mels=n_mels, channel_dim=channel_dim)
        self.film = nn.Linear(channel_dim, 2 * n_mels)
        self.post = nn.Conv1d(n_mels, n_mels, 5, padding=2)

    def forward(self, wav):
        mel = (self.encoder.melspec(wav) + 1e-5).log()
        gamma, beta = self.film(self.encoder(wav)).unsqueeze(-1).chunk(2, dim=1)
        return self.post(mel * gamma + beta)


def load_checkpoint(path, device):
    state = torch.load(path, map_location=device)
    return state.get("state_dict", state)


class Restorer:
    def __init__(self, ckpt_path, vocoder_path):
        self.device = pick_device()
        self.model = RestorationModel()
        self.model.load_state_dict(load_checkpoint(ckpt_path, self.device))
        self.model.to(self.device).eval()
        self.vocoder = torch.jit.load(vocoder_path, map_location=self.device).eval()

    @torch.no_grad()
    def __call__(self, audio_path):
        wav, sr = torchaudio.load(audio_path)
        wav = torchaudio.functional.resample(wav.mean(0, keepdim=True), sr, 22050).to(self.device)
        restored = self.vocoder(self.model(wav))
        return 22050, restored.squeeze().cpu().numpy()


if __name__ == "__main__":
    restorer = Restorer("checkpoints/restoration_tono.ckpt", "checkpoints/hifigan_jit.pt")
    demo = gr.Interface(fn=restorer, inputs=gr.Audio(type="filepath"), outputs=gr.Audio(),
                        title="Self-supervised speech restoration")
    demo.launch()
