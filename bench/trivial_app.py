"""The yardstick for bench/start.py: a trivial Streamlit app that imports pandas and plotly and draws one chart."""
import pandas as pd
import plotly.express as px
import streamlit as st

st.title("Trivial app")
frame = pd.DataFrame({"x": list(range(10)), "y": [v * v for v in range(10)]})
st.plotly_chart(px.line(frame, x="x", y="y", title="One chart"))
