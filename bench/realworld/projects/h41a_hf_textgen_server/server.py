# source: https://github.com/kserve/kserve/pull/3657
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: multi-file, top-level
# needs: torch, transformers, fastapi, uvicorn
# cpu: no written where torch was not installed; not run
import argparse

import uvicorn
from fastapi import FastAPI, HTTPException

from text_generation import GenerativeModel

app = FastAPI()
MODELS = {}


@app.get("/v1/models/{name}")
def model_ready(name: str):
    model = MODELS.get(name)
    return {"name": name, "ready": bool(model and model.ready)}


@app.post("/v1/models/{name}:predict")
def predict(name: str, payload: dict):
    model = MODELS.get(name)
    if model is None or not model.ready:
        raise HTTPException(status_code=503, detail=f"model {name} is not ready")
    return model.predict(payload)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--model_name", default="gemma-gpu")
    parser.add_argument("--model_dir", default="/mnt/models")
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args()
    generator = GenerativeModel(args.model_name, args.model_dir)
    generator.load()
    MODELS[args.model_name] = generator
    uvicorn.run(app, host="0.0.0.0", port=args.port)
