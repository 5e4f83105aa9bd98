# source: https://github.com/huggingface/transformers/issues/20862
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: input-dtype-mismatch
# shape: multi-file, helper
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch
from transformers import WhisperForConditionalGeneration, WhisperProcessor


def load_asr(model_name="openai/whisper-base", device="cuda:0", half=True):
    """Loads Whisper for batched offline transcription; fp16 halves the memory."""
    dtype = torch.float16 if half else torch.float32
    processor = WhisperProcessor.from_pretrained(model_name)
    model = WhisperForConditionalGeneration.from_pretrained(model_name, torch_dtype=dtype)
    model.to(device)
    model.eval()
    model.config.forced_decoder_ids = processor.get_decoder_prompt_ids(
        language="english", task="transcribe")
    return processor, model
