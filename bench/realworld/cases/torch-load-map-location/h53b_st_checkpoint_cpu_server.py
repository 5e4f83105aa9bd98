# source: https://github.com/EveryVoiceTTS/EveryVoice/issues/140
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, class
# bug-lines: 18
# needs: torch, torchaudio, sentencepiece
# cpu: no written where torch was not installed; not run
"""CPU inference server for an in-house speech translation model (fbank -> conformer -> subword decoder).
Checkpoints are written by the GPU training job as {"config", "model", "optimizer", "step"}."""
import sentencepiece as spm
import torch
import torchaudio

from st_model import SpeechTranslationModel


def load_translator(ckpt_path, device="cpu"):
    ckpt = torch.load(ckpt_path)
    model = SpeechTranslationModel(**ckpt["config"])
    model.load_state_dict(ckpt["model"])
    return model.to(device).eval()


class TranslationService:
    def __init__(self, ckpt_path, spm_path, device="cpu"):
        self.device = torch.device(device)
        self.model = load_translator(ckpt_path, self.device)
        self.sp = spm.SentencePieceProcessor(model_file=spm_path)

    def features(self, wav_path):
        wav, sr = torchaudio.load(wav_path)
        if sr != 16000:
            wav = torchaudio.functional.resample(wav, sr, 16000)
        fbank = torchaudio.compliance.kaldi.fbank(wav * 32768, num_mel_bins=80, sample_frequency=16000)
        fbank = (fbank - fbank.mean(0)) / (fbank.std(0) + 1e-5)
        return fbank.unsqueeze(0).to(self.device), torch.tensor([fbank.size(0)], device=self.device)

    @torch.no_grad()
    def __call__(self, wav_path, beam=5):
        feats, lengths = self.features(wav_path)
        token_ids = self.model.generate(feats, lengths, beam_size=beam, max_len=200)
        return self.sp.decode(token_ids[0].tolist())


if __name__ == "__main__":
    import sys

    service = TranslationService("checkpoints/st_en_de_best.pt", "spm/de_8k.model")
    for path in sys.argv[1:]:
        print(path, service(path), sep="\t")
