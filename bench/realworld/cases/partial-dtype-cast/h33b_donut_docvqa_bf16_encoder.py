# source: https://github.com/clovaai/donut/issues/267
# error: RuntimeError: Input type (float) and bias type (c10::BFloat16) should be the same
# pattern: partial-dtype-cast
# shape: helper, top-level
# bug-lines: 25, 42
# needs: torch, transformers, pillow
# cpu: no written where torch was not installed; not run
import glob
import os
import re

import torch
from PIL import Image
from transformers import DonutProcessor, VisionEncoderDecoderModel

CKPT = "naver-clova-ix/donut-base-finetuned-docvqa"
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

processor = DonutProcessor.from_pretrained(CKPT)
model = VisionEncoderDecoderModel.from_pretrained(CKPT)
if device.type == "cuda":
    model.half()
    model.to(device)
else:
    model.encoder.to(torch.bfloat16)
model.eval()

input_dtype = torch.float16 if device.type == "cuda" else torch.float32


def build_prompt(question):
    return f"<s_docvqa><s_question>{question}</s_question><s_answer>"


def answer(image_path, question):
    image = Image.open(image_path).convert("RGB")
    pixel_values = processor(image, return_tensors="pt").pixel_values.to(device, dtype=input_dtype)
    prompt_ids = processor.tokenizer(
        build_prompt(question), add_special_tokens=False, return_tensors="pt"
    ).input_ids.to(device)
    with torch.no_grad():
        out = model.generate(
            pixel_values,
            decoder_input_ids=prompt_ids,
            max_length=model.decoder.config.max_position_embeddings,
            pad_token_id=processor.tokenizer.pad_token_id,
            eos_token_id=processor.tokenizer.eos_token_id,
            bad_words_ids=[[processor.tokenizer.unk_token_id]],
        )
    seq = processor.batch_decode(out)[0]
    seq = seq.replace(processor.tokenizer.eos_token, "").replace(processor.tokenizer.pad_token, "")
    return processor.token2json(re.sub(r"<.*?>", "", seq, count=1).strip())


if __name__ == "__main__":
    folder = os.environ.get("DOC_DIR", "invoices")
    for path in sorted(glob.glob(os.path.join(folder, "*.jpg"))):
        print(os.path.basename(path), answer(path, "What is the invoice total?"))
