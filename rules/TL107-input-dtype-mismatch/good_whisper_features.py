# OpenAI Whisper's model is cast to half, and the log-mel features are cast with it.
import torch
import whisper


def encode_segments(paths):
    model = whisper.load_model("small", device="cuda").half()
    texts = []
    for path in paths:
        audio = whisper.pad_or_trim(whisper.load_audio(path))
        mel = whisper.log_mel_spectrogram(audio).to("cuda").half()
        with torch.no_grad():
            states = model.encoder(mel[None])
        texts.append(states.mean(1).float().cpu())
    return texts
